#!/usr/bin/env python3
"""Writes ailedger(1), a man page, from what the binary says of itself.

Usage: scripts/manpage.py BINARY OUTPUT
Reads `BINARY --experimental-dump-help` (swift-argument-parser's description of every
command, option and argument) and writes one page holding every command, in roff.
"""
import datetime
import json
import subprocess
import sys


def roff(text):
    """Text with roff's special characters escaped and no line starting with a control."""
    text = (text or "").replace("\\", "\\e").replace("-", "\\-")
    lines = [("\\&" + line if line.startswith((".", "'")) else line) for line in text.split("\n")]
    return "\n".join(lines)


def names(argument):
    out = []
    for name in argument.get("names", []):
        out.append(("-" if name["kind"] == "short" else "--") + name["name"])
    return ", ".join(out)


def synopsis(path, command):
    parts = [path]
    for argument in command.get("arguments", []):
        if not argument.get("shouldDisplay", True) or argument.get("valueName") == "help":
            continue
        if argument["kind"] == "positional":
            part = "<" + argument["valueName"] + ">"
        elif argument["kind"] == "flag":
            part = "--" + argument["preferredName"]["name"]
        else:
            part = "--" + argument["preferredName"]["name"] + " <" + argument["valueName"] + ">"
        if argument.get("isRepeating"):
            part += " ..."
        parts.append("[" + part + "]" if argument.get("isOptional") else part)
    return " ".join(parts)


def section(path, command, out):
    subcommands = [c for c in command.get("subcommands", []) if c.get("shouldDisplay", True) and c["commandName"] != "help"]
    if path != "ailedger":
        out.append(".SS " + roff(path))
        out.append(".B " + roff(synopsis(path, command)))
        out.append(".PP")
        out.append(roff(command.get("abstract", "")))
        if command.get("discussion"):
            out.append(".PP")
            out.append(roff(command["discussion"]))
        for argument in command.get("arguments", []):
            if not argument.get("shouldDisplay", True) or argument.get("valueName") == "help":
                continue
            label = "<" + argument["valueName"] + ">" if argument["kind"] == "positional" else names(argument)
            if argument["kind"] == "option":
                label += " <" + argument["valueName"] + ">"
            out.append(".TP")
            out.append(".B " + roff(label))
            text = argument.get("abstract", "")
            if argument.get("discussion"):
                text += " " + argument["discussion"]
            if argument.get("defaultValue") not in (None, ""):
                text += " (default: " + argument["defaultValue"] + ")"
            out.append(roff(text))
    for sub in subcommands:
        section(path + " " + sub["commandName"], sub, out)


def main():
    binary, output = sys.argv[1], sys.argv[2]
    tool = json.loads(subprocess.run([binary, "--experimental-dump-help"], check=True, capture_output=True, text=True).stdout)
    root = tool["command"]
    today = datetime.date.today().isoformat()
    out = [
        '.TH AILEDGER 1 "%s" "AILedger" "User Commands"' % today,
        ".SH NAME",
        "ailedger \\- " + roff(root.get("abstract", "")),
        ".SH SYNOPSIS",
        ".B ailedger",
        ".I command",
        "[\\fIoptions\\fR]",
        ".SH DESCRIPTION",
        ".nf",
        roff(root.get("discussion", "")),
        ".fi",
        ".SH COMMANDS",
    ]
    section("ailedger", root, out)
    out += [
        ".SH OUTPUT",
        "Reporting and list commands take \\fB\\-\\-format table|json|jsonl|csv\\fR. JSON is what the HTTP API",
        "answers to the same question: snake_case keys, numbers as numbers, null where unknown, RFC 3339 times,",
        "money as an exact decimal string of US dollars. Tables fit 80 columns; \\fB\\-\\-wide\\fR shows every column.",
        ".SH ENVIRONMENT",
        ".TP", ".B AILEDGER_DATABASE_URL", "The database, when \\fB\\-\\-url\\fR is not given.",
        ".TP", ".B AILEDGER_READ_URL", "A read replica for queries, when \\fB\\-\\-read\\-url\\fR is not given.",
        ".TP", ".B AILEDGER_LOG_LEVEL", "The level of log lines on standard error (default warning).",
        ".SH EXIT STATUS",
        "0 when the command did what it was asked, 1 when it failed, 2 for bad usage.",
    ]
    with open(output, "w") as handle:
        handle.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
