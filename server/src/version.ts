/** The package version, for `sndif --version`, SARIF and serverInfo (a test keeps it equal to package.json's). */
export const VERSION = '0.1.0';
