// The declarations in include/CFuzzer.h are libFuzzer's; this target has no code.
