/*
 * A portfolio the scorer could not compute as a whole: each file is tried alone, so that those
 * that stop the scorer are named, with what stopped it, and the others are still reported. Pure:
 * no DOM (the caller passes the scorer's call).
 */

const QUOTED = 80;   // characters of the scorer's message quoted at most

// The scorer's message for an input that stopped it, in words a reader can act on: a JavaScript
// stack overflow (the input nests too deeply) said as such, any other message quoted short.
export function readableFailure(message) {
  const text = String(message || "").replace(/^the scorer failed:\s*/, "").trim();
  if (/maximum call stack|too much recursion|stack overflow|RecursionError/i.test(text)) {
    return "it nests its content too deeply for the scorer to read (the browser ran out of stack space); " +
           "save it again from the spreadsheet program, or export it again from the score page";
  }
  return "the scorer stopped on it (" + (text.length > QUOTED ? text.slice(0, QUOTED - 1) + "\u2026" : text || "no reason given") + ")";
}

// The same for a file of a portfolio, which is left out while the others are reported.
export function failureText(message) {
  const readable = readableFailure(message);
  return readable + "; it is left out and the other files are reported" +
         (readable.startsWith("the scorer stopped") ? ". Check the file, or export it again; if it keeps failing, " +
                                                      "please report it to the handbook's maintainers" : "");
}

// `files`: [[name, content]]; `view(files)`: the scorer's portfolio of them (a promise). Tries each
// file alone, in order: {kept: the files it read, failing: [{file, message}] for the others}.
export function isolateFailing(files, view) {
  const kept = [];
  const failing = [];
  return files.reduce((done, file) => done.then(() => view([file]).then(
    () => { kept.push(file); },
    (error) => { failing.push({ file: file[0], message: failureText(error && error.message) }); })),
  Promise.resolve()).then(() => ({ kept, failing }));
}
