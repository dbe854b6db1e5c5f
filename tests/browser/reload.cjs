// Runs serve's live-reload script (file given as argument) against reload events, with a
// stand-in EventSource and location: which open pages reload for which event.
// Prints one line per case: PATHNAME DATA reloaded|kept.
const fs = require('fs');
const code = fs.readFileSync(process.argv[2], 'utf8');
const cases = [
  ['/clients/acme/sessions/x.html', '["/clients/beta/"]'],
  ['/clients/beta/sessions/x.html', '["/clients/beta/"]'],
  ['/index.html', '["/clients/beta/"]'],
  ['/', '["/clients/beta/"]'],
  ['/sessions/x.html', '["/"]'],
  ['/sessions/x.html', 'not json'],
];
for (const [pathname, data] of cases) {
  let reloaded = false;
  let handler = null;
  global.EventSource = function () { this.addEventListener = (name, f) => { if (name === 'reload') handler = f; }; };
  global.location = { pathname, reload: () => { reloaded = true; } };
  eval(code);
  handler({ data });
  console.log(`${pathname} ${data} ${reloaded ? 'reloaded' : 'kept'}`);
}
