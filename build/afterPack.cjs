// Build hook (electron-builder "afterPack", run by `npm run dist`): flips the Electron fuses of
// the packaged app; the logic, typed and tested, is electron/build/fuses.ts, loaded through tsx.
const { require: tsxRequire } = require('tsx/cjs/api');

module.exports = async function afterPack(context) {
  const { flipAppFuses } = tsxRequire('../electron/build/fuses.ts', __filename);
  const fuses = await flipAppFuses(context);
  console.log(`  • Electron fuses flipped: ${Object.entries(fuses).map(([name, on]) => `${name}=${on ? 'on' : 'off'}`).join(' ')}`);
};
