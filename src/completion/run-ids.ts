// The run ids offered after `gomod-shim show`: read from `gomod-shim history --json` by the
// completion scripts themselves, so a TAB sees the history as it is now.

/** The history database where the CLI looks for it (docs/contract.md), in sh/bash/zsh syntax. */
export const SH_DB_PATH = '${GOMODSHIM_DB:-${XDG_STATE_HOME:-$HOME/.local/state}/gomod-shim/history.db}';

/** Fifty newest runs. Only started when a history exists: a TAB on a fresh machine starts nothing. */
export const HISTORY_COMMAND = 'gomod-shim history --all --json --limit 50';

/**
 * Bound on the history command (its database wait is longer): a TAB never hangs the prompt.
 * GOMODSHIM_COMPLETION_TIMEOUT (seconds) sets another, for a machine where node starts slowly.
 */
export const TIMEOUT_SECONDS = 2;
export const TIMEOUT_VARIABLE = 'GOMODSHIM_COMPLETION_TIMEOUT';
/** The bound in sh/bash/zsh syntax. */
export const SH_TIMEOUT = `\${${TIMEOUT_VARIABLE}:-${TIMEOUT_SECONDS}}`;

/**
 * history --json is pretty-printed with two spaces: a run's own "id" is the only key four
 * spaces in (snapshot fields are not part of the list).
 */
export const SED_IDS = `sed -n 's/^    "id": \\([0-9][0-9]*\\),\\{0,1\\}$/\\1/p'`;
export const FISH_ID_PATTERN = '^    "id": (\\d+),?$';
