/** The app's version as the tablet reports it with its pushes and pulls (`X-Floorboard-Version`); package.json's, checked by a test. */
export const APP_VERSION = '0.1.0';
