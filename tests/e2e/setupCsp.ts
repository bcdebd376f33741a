// Any Content Security Policy violation a page logged during a test fails that test: the service's CSP
// (src/server/security.ts) must let every page work, and a violation is how it would silently not.
import { takeCspViolations } from './helpers';

afterEach(() => {
  const violations = takeCspViolations();
  if (violations.length) throw new Error(`Content Security Policy violations:\n${violations.join('\n')}`);
});
