// Pure. Names and addresses the shells must agree on.

export const APP_NAME = '强制执行指挥台';
export const APP_NAME_EN = 'Enforcement Command Console';
/** Folder name for the user's data directory (ASCII on purpose: some tools mangle CJK paths). */
export const APP_DATA_FOLDER = 'enforcement-console';

/** Environment variable that overrides the data folder (tests, portable setups); read by both shells. */
export const DATA_DIR_ENV = 'ENFORCEMENT_CONSOLE_DATA_DIR';

/** Electron serves the app from app://console/ instead of file://. */
export const APP_PROTOCOL = 'app';
export const APP_HOST = 'console';
export const APP_ORIGIN = `${APP_PROTOCOL}://${APP_HOST}`;

/**
 * Browser mode always uses this port: IndexedDB belongs to the origin, so a different
 * port would open an empty database.
 */
export const WEB_PORT = 47615;
export const WEB_HOST = '127.0.0.1';
export const WEB_ORIGIN = `http://${WEB_HOST}:${WEB_PORT}`;

/**
 * The content security policy, sent as a header by both shells and repeated in
 * index.html. Scripts only from the app itself ('wasm-unsafe-eval' lets the PDF layout
 * engine compile its bundled WebAssembly; it does not allow eval of JavaScript); inline
 * styles are needed by the component library's CSS-in-JS, inline scripts never.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
