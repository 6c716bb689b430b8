"""The command line: options, exit codes, streams, signals, workers."""
