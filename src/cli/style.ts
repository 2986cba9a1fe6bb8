/** Colour only on a TTY (and never with NO_COLOR). */
const on = Boolean(process.stdout.isTTY) && process.env["NO_COLOR"] === undefined && process.env["TERM"] !== "dumb";
const wrap = (open: number, close: number) => (s: string) => (on ? `\u001b[${open}m${s}\u001b[${close}m` : s);
export const green = wrap(32, 39);
export const red = wrap(31, 39);
export const yellow = wrap(33, 39);
export const dim = wrap(2, 22);
export const bold = wrap(1, 22);
