// DOM. The browser edition of PouchDB, imported by its file (pouch.ts) and typed there: the
// @types/pouchdb-* packages declare a global Buffer that clashes with Node's wherever the
// station's code is compiled together with Node code (the unit tests).
declare module 'pouchdb-browser/lib/index.es.js' {
  const PouchDB: unknown;
  export default PouchDB;
}
