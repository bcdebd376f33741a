// Shared by the stand-ins: where the test root is, and how a file written for a real server maps into it.
const fs = require('node:fs');
const path = require('node:path');

const ROOT = process.env.BANXIE_TEST_ROOT;
if (!ROOT) { console.error('BANXIE_TEST_ROOT is not set (these stand-ins run only inside tests/e2e/install.test.ts)'); process.exit(70); }
const RUN = path.join(ROOT, 'run');
fs.mkdirSync(RUN, { recursive: true });

/** /opt/x, /etc/x, /var/x (absolute, as a real server has them) → under the test root. */
function mapPaths(text) {
  return text.replace(/(^|[\s"'=:(])\/(opt|etc|var)(?=[/\s"';]|$)/gm, (_m, pre, top) => `${pre}${ROOT}/${top}`);
}

/** The service's port on a real server (3100) → the test's free port, in a config or an nginx file. */
function mapPorts(text) {
  const svc = process.env.BANXIE_TEST_SVC_PORT;
  return text
    .replace(/127\.0\.0\.1:3100\b/g, `127.0.0.1:${svc}`)
    .replace(/^port:\s*3100\s*$/m, `port: ${svc}`);
}

const mapped = (p) => mapPaths(` ${p}`).slice(1);

function log(what) {
  fs.appendFileSync(path.join(RUN, 'calls.log'), `${what}\n`);
}

module.exports = { ROOT, RUN, mapPaths, mapPorts, mapped, log };
