/**
 * extensionTestsPath of the web suite (bundled to dist/web/test/suite.js): runs mocha's browser
 * build in VS Code's web worker extension host, where there is no Node and no file system.
 */
import 'mocha/mocha';

declare const require: (id: string) => unknown;
declare const module: { exports: unknown };

function run(): Promise<void> {
  return new Promise((resolve, reject) => {
    // The spec reporter prints to the console (the launcher shows it); the default HTML one needs a DOM.
    mocha.setup({ ui: 'tdd', reporter: 'spec', color: false, timeout: 60000 });
    require('./web.test');
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} web test(s) failed`)) : resolve()));
  });
}

// Not `export function run`: mocha's UMD header, bundled as an ES module, assigns itself to
// module.exports, and the test host would then call mocha's own run().
module.exports = { run };
