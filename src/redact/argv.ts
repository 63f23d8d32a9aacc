// A command line, element by element, with the context one element gives the next:
// `--password VALUE`, `-X name=value` and `-c http.extraheader=…` split over two elements.
import { isSecretName } from './names';
import { REDACTED, redactText } from './text';

const FLAG_ALONE = /^-{1,2}([A-Za-z][\w.-]*)$/;
const LINK_X = /^-{1,2}X$/;

export function redactArgv(argv: readonly string[]): string[] {
  return argv.map((arg, i) => {
    const prev = i > 0 ? argv[i - 1] : '';
    if (LINK_X.test(prev)) {
      const eq = arg.indexOf('=');
      if (eq > 0 && isSecretName(arg.slice(0, eq))) return `${arg.slice(0, eq + 1)}${REDACTED}`;
    }
    const flag = FLAG_ALONE.exec(prev);
    if (flag && isSecretName(flag[1]) && !arg.startsWith('-') && arg !== '') return REDACTED;
    return redactText(arg);
  });
}
