"""End to end (all marked slow): the README's commands, CI snippets, pre-commit, packaging, a
user's repository, the workflows, the action, an AWS change."""
