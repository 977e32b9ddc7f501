"""The dashboard in headless Chromium against a live `ailedger serve`.

Usage: dashboard_test.py BASE_URL READ_KEY INGEST_KEY TAG [SCREENSHOT_DIR]

The ledger holds the records DashboardScenario sent for user TAG. Every check filters on
that user, so other records in a shared database change nothing. Prints one JSON line
with what it saw; exits non-zero on the first failed check, naming it.
"""
import json
import os
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from decimal import Decimal

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

BASE, READ_KEY, INGEST_KEY, TAG = sys.argv[1:5]
SHOTS = sys.argv[5] if len(sys.argv) > 5 else None
VIEWS = ["overview", "interactions", "calls", "failures", "quality", "conversations", "analysis", "prompts"]
seen = {}


def fail(message):
    print(json.dumps({"failed": message, "seen": seen}))
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


def api(path, key=READ_KEY):
    request = urllib.request.Request(BASE + path, headers={"Authorization": "Bearer " + key})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def browser(downloads):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,900", "--disable-extensions", "--no-first-run"]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    options.add_experimental_option("prefs", {"download.default_directory": downloads,
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
    return driver


def wait(driver, condition, what, seconds=20):
    try:
        return WebDriverWait(driver, seconds).until(condition)
    except TimeoutException:
        fail(f"timed out waiting for {what}; the page shows: {driver.find_element(By.TAG_NAME, 'body').text[:600]}")


def console_errors(driver):
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def drawn(driver):
    """Whether the page has drawn the view its address names (the page marks it so)."""
    return driver.execute_script(
        "const m = document.getElementById('main'); return m.dataset.drawn === (location.hash || '#/overview');")


def loaded(driver, view):
    """Opens `view` filtered on TAG and waits until it has drawn."""
    driver.get(f"{BASE}/#/{view}?user_id={TAG}")
    wait(driver, drawn, f"the {view} view")
    main = driver.find_element(By.ID, "main")
    errors = main.find_elements(By.CSS_SELECTOR, ".error")
    check(not errors, f"{view}: the view shows an error: {errors[0].text if errors else ''}")
    return main


def click_first_row(driver):
    """Clicks the table's first row and returns its id, finding the row again when the
    page's live refresh (new records every 10 s) drew the table anew in between."""
    for _ in range(10):
        try:
            row = driver.find_element(By.CSS_SELECTOR, "#main tbody tr")
            record = row.get_attribute("data-id")
            row.click()
            return record
        except StaleElementReferenceException:
            time.sleep(0.1)
    raise AssertionError("the table kept being drawn anew")


def card(driver, label):
    for element in driver.find_elements(By.CSS_SELECTOR, "#overview-cards .card"):
        if element.find_element(By.CLASS_NAME, "label").text == label:
            return element.find_element(By.CLASS_NAME, "value").text
    fail(f"no card named {label}")


def row_ids(driver):
    return driver.execute_script("return [...document.querySelectorAll('#main tbody tr')].map((r) => r.dataset.id);")


def column(driver, index):
    """The text of column `index` of every row of the view's table."""
    return driver.execute_script(
        "return [...document.querySelectorAll('#main tbody tr')].map((r) => r.children[arguments[0]].textContent);", index)


def walk_pages(driver, view):
    """Every row id of `view`, following Next page to the end."""
    ids = []
    driver.get(f"{BASE}/#/{view}?user_id={TAG}")
    for _ in range(50):
        wait(driver, drawn, f"a page of {view}")
        ids.extend(row_ids(driver))
        buttons = driver.find_elements(By.ID, "next-page")
        if not buttons:
            return ids
        address = driver.current_url
        buttons[0].click()
        wait(driver, lambda d: d.current_url != address and drawn(d), f"the next page of {view}")
    fail(f"{view}: more than 50 pages")


def main():
    downloads = tempfile.mkdtemp(prefix="ailedger-downloads-")
    driver = browser(downloads)
    try:
        # Sign-in is required; an ingest key and a wrong key are refused.
        driver.get(BASE + "/")
        wait(driver, EC.visibility_of_element_located((By.ID, "signin-form")), "the sign-in form")
        check(not driver.find_element(By.ID, "app").is_displayed(), "the views are hidden before sign-in")
        for key, expected in [(INGEST_KEY, "cannot sign in"), ("ak_" + "x" * 40, "not a key in force")]:
            field = driver.find_element(By.ID, "key")
            field.clear()
            field.send_keys(key)
            driver.find_element(By.CSS_SELECTOR, "#signin-form button").click()
            wait(driver, lambda d: expected in d.find_element(By.ID, "signin-error").text, f"the refusal '{expected}'")
        field = driver.find_element(By.ID, "key")
        field.clear()
        field.send_keys(READ_KEY)
        driver.find_element(By.CSS_SELECTOR, "#signin-form button").click()
        wait(driver, EC.visibility_of_element_located((By.ID, "nav")), "the views after sign-in")
        cookie = driver.get_cookie("ailedger_session")
        check(cookie is not None, "a session cookie is set")
        check(cookie["httpOnly"] and cookie.get("sameSite") == "Strict", f"the cookie is HttpOnly and SameSite=Strict: {cookie}")
        check(READ_KEY not in driver.page_source, "the key is not left in the page")

        # Every view loads without a console error or a failed request.
        driver.get_log("browser")
        for view in VIEWS:
            loaded(driver, view)
            errors = console_errors(driver)
            check(not errors, f"{view}: console errors: {errors}")
            if SHOTS:
                driver.save_screenshot(os.path.join(SHOTS, f"{view}-1280.png"))
        seen["views"] = len(VIEWS)

        # Failures: the two failed interactions and the four failed calls sent.
        loaded(driver, "failures")
        counts = driver.execute_script(
            "return [...document.querySelectorAll('#main .table-wrap')].map((t) => t.querySelectorAll('tbody tr').length)")
        check(counts == [2, 4], f"two failed interactions and four failed calls: {counts}")

        # The overview shows the API's figures for the same filters.
        loaded(driver, "overview")
        interactions = api(f"/v1/stats/interactions?since=24h&user_id={TAG}")
        calls = api(f"/v1/stats/overview?since=24h&user_id={TAG}")
        check(card(driver, "Interactions") == f"{interactions['interactions']:,}", "the interaction count is the API's")
        check(card(driver, "Calls") == f"{calls['calls']:,}", "the call count is the API's")
        check(card(driver, "Failed interactions") == f"{interactions['errors']:,}", "the failure count is the API's")
        shown = Decimal(card(driver, "Total cost").lstrip("$").replace(",", ""))
        check(abs(shown - Decimal(calls["cost_usd"])) < Decimal("0.0001"), f"the cost {shown} is the API's {calls['cost_usd']}")
        check(len(driver.find_elements(By.CSS_SELECTOR, "#main .chart svg rect")) > 0, "the charts draw bars")
        wait(driver, lambda d: d.execute_script(
            "return document.getElementById('latency-panel').dataset.percentiles === 'drawn'"), "the latency percentiles")
        legend = driver.find_element(By.CSS_SELECTOR, "#latency-panel .legend").text
        check(all(name in legend for name in ["mean", "p50", "p95", "p99"]), f"latency percentiles over time: {legend}")
        seen["overview"] = {"interactions": interactions["interactions"], "calls": calls["calls"], "cost": str(shown)}

        # Paging walks every row once.
        every = walk_pages(driver, "calls")
        check(len(every) == calls["calls"] and len(set(every)) == len(every),
              f"paging shows each of the {calls['calls']} calls once: {len(every)} rows, {len(set(every))} distinct")
        seen["paged_calls"] = len(every)

        # A filter narrows the table.
        loaded(driver, "calls")
        form = driver.find_element(By.ID, "filters")
        model = api(f"/v1/stats/by/model?since=24h&user_id={TAG}")["groups"][-1]
        form.find_element(By.NAME, "model").send_keys(model["key"])
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        wait(driver, lambda d: "model=" in d.current_url and drawn(d), "the filtered calls")
        check(len(row_ids(driver)) == min(model["calls"], 50), f"{model['calls']} rows of {model['key']}: {len(row_ids(driver))}")
        models = set(column(driver, 1))
        check(models == {model["key"]}, f"only {model['key']} is shown: {models}")
        seen["filtered"] = {"model": model["key"], "rows": model["calls"]}

        # Export downloads exactly the selected rows (the link found again if a live refresh
        # drew the view anew just then).
        for _ in range(10):
            try:
                driver.find_element(By.LINK_TEXT, "CSV").click()
                break
            except StaleElementReferenceException:
                time.sleep(0.1)
        path = os.path.join(downloads, "calls.csv")
        wait(driver, lambda d: os.path.exists(path) and not os.path.exists(path + ".crdownload"), "the CSV download")
        with open(path, encoding="utf-8") as handle:
            lines = [line for line in handle.read().splitlines() if line]
        check(len(lines) == model["calls"] + 1, f"the CSV holds the {model['calls']} selected calls and a header: {len(lines)} lines")
        seen["exported"] = len(lines) - 1

        # The detail opens, and feedback given on the page is stored.
        loaded(driver, "interactions")
        interaction = click_first_row(driver)
        wait(driver, EC.visibility_of_element_located((By.ID, "feedback-form")), "the interaction's detail")
        body = driver.find_element(By.ID, "detail-body").text
        stored = api(f"/v1/interactions/{interaction}")
        check(stored["input_text"][:40] in body, "the detail shows the prompt")
        form = driver.find_element(By.ID, "feedback-form")
        Select(form.find_element(By.NAME, "feedback")).select_by_value("rejected")
        score = form.find_element(By.NAME, "quality_score")
        score.clear()
        score.send_keys("17")
        form.find_element(By.NAME, "feedback_comment").send_keys("wrong order number, from the browser")
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        wait(driver, lambda d: "Feedback saved." in form.text, "the feedback to be saved")
        stored = api(f"/v1/interactions/{interaction}")
        check(stored.get("feedback") == "rejected" and stored.get("quality_score") == 17, f"the feedback is stored: {stored.get('feedback')}")
        seen["feedback_on"] = interaction
        driver.find_element(By.ID, "close").click()

        # The keyboard alone: Tab reaches a row, Enter opens it, Escape closes it.
        # The page's live refresh may draw the table anew between Tab and Enter, taking the
        # focused row away: then the keys are pressed again on the new table.
        loaded(driver, "calls")
        actions = ActionChains(driver)
        for _attempt in range(5):
            for _ in range(80):
                actions.send_keys(Keys.TAB).perform()
                if driver.execute_script("return document.activeElement.matches('#main tbody tr')"):
                    break
            check(driver.execute_script("return document.activeElement.matches('#main tbody tr')"), "Tab reaches the table's rows")
            actions.send_keys(Keys.ENTER).perform()
            try:
                WebDriverWait(driver, 5).until(lambda d: d.execute_script("return document.getElementById('detail').open"))
                break
            except TimeoutException:
                if driver.execute_script("return document.getElementById('detail').open"):
                    break
                driver.execute_script("document.activeElement.blur()")
        wait(driver, lambda d: d.execute_script("return document.getElementById('detail').open"), "Enter to open the row")
        wait(driver, lambda d: "Call to" in d.find_element(By.ID, "detail-title").text, "the call's detail")
        actions.send_keys(Keys.ESCAPE).perform()
        wait(driver, lambda d: not d.execute_script("return document.getElementById('detail').open"), "Escape to close it")

        # A POST without the session's CSRF token is refused, even with the cookie.
        status = driver.execute_async_script("""
            const done = arguments[arguments.length - 1];
            fetch('/v1/interactions/' + arguments[0] + '/feedback', {method: 'POST', credentials: 'same-origin',
              headers: {'Content-Type': 'application/json'}, body: JSON.stringify({feedback: 'accepted'})})
              .then((r) => done(r.status), () => done(-1));
        """, interaction)
        check(status == 403, f"a POST without the CSRF token is refused: {status}")
        driver.get_log("browser")  # the refusal just provoked is expected

        # A conversation opens turn by turn, with its calls.
        loaded(driver, "conversations")
        click_first_row(driver)
        wait(driver, lambda d: "/conversations/" in d.current_url and drawn(d), "the conversation's turns")
        turns = driver.find_elements(By.CSS_SELECTOR, "#main .turn")
        check(len(turns) == 3, f"the conversation has its 3 turns: {len(turns)}")
        check(len(turns[0].find_elements(By.CSS_SELECTOR, "tbody tr")) == 1, "each turn shows the call it made")
        errors = console_errors(driver)
        check(not errors, f"the conversation opens without console errors: {errors}")
        if SHOTS:
            driver.save_screenshot(os.path.join(SHOTS, "conversation-1280.png"))

        # A phone-wide window: nothing wider than the screen but the tables' own scroll.
        driver.set_window_size(390, 844)
        driver.refresh()  # as a phone opens it: the filters folded away
        wait(driver, EC.visibility_of_element_located((By.ID, "nav")), "the page at phone width")
        check(not driver.execute_script("return document.getElementById('filter-panel').open"), "the filters fold away on a phone")
        for view in VIEWS:
            loaded(driver, view)
            width = driver.execute_script("return document.documentElement.scrollWidth")
            check(width <= 400, f"{view} fits a 390 px screen: {width} px wide")
            if SHOTS:
                driver.save_screenshot(os.path.join(SHOTS, f"{view}-390.png"))
        driver.set_window_size(1280, 900)

        # Signing out ends the session.
        loaded(driver, "overview")
        driver.find_element(By.ID, "signout").click()
        wait(driver, EC.visibility_of_element_located((By.ID, "signin-form")), "the sign-in form after sign-out")
        status = driver.execute_async_script("""
            const done = arguments[arguments.length - 1];
            fetch('/v1/stats/overview', {credentials: 'same-origin'}).then((r) => done(r.status), () => done(-1));
        """)
        check(status == 401, f"the API refuses the page once signed out: {status}")
        driver.get_log("browser")  # the refusal just provoked is expected
        print(json.dumps({"passed": True, "seen": seen}))
    finally:
        driver.quit()


main()
