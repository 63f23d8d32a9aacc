#!/bin/sh
# Prints the folder whose include/node/node.h belongs to the node on PATH (/usr for Debian's nodejs), or nothing.
# npm ci builds better-sqlite3 with node-gyp; with npm_config_nodedir set to this folder node-gyp uses these headers
# instead of downloading Node's, which fails on a machine that reaches only package registries.
node_bin=$(command -v node) || exit 0
prefix=$(dirname -- "$(dirname -- "$(readlink -f -- "$node_bin")")")
[ -f "$prefix/include/node/node.h" ] && printf '%s\n' "$prefix"
exit 0
