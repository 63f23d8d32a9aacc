// Every subcommand, in the order `gomod-shim --help` lists them. The CLI dispatches on it and the
// completion scripts are generated from it, so a command added here is completed with its flags.
// `completion` and `install` read this list back when they run (never while modules load), so the
// import cycle between them and this file is harmless.
import type { Command } from './command';
import { completion } from './completion';
import { config } from './config';
import { demo } from './demo';
import { doctor } from './doctor';
import { history } from './history';
import { install } from './install';
import { prune } from './prune';
import { show } from './show';
import { stats } from './stats';
import { uninstall } from './uninstall';

export const COMMANDS: readonly Command[] = [history, show, stats, prune, doctor, config, demo, install, uninstall, completion];
