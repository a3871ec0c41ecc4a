// Node test helper: a second CouchDB-protocol server (express-pouchdb over in-memory PouchDB)
// standing in for a county's Apache CouchDB, in its own process: `node county-server.cjs PORT`.
// Prints "listening" when ready. (In the test process itself express-pouchdb's plugins
// disturb the stock client's replication, so it runs apart, as a real server would.)
const PouchDB = require('pouchdb').plugin(require('pouchdb-adapter-memory')).defaults({ adapter: 'memory' });
const app = require('express-pouchdb')(PouchDB, { mode: 'minimumForPouchDB', inMemoryConfig: true, logPath: require('node:os').tmpdir() + '/county-server.log' });
const port = Number(process.argv[2]);
app.listen(port, '127.0.0.1', () => console.log('listening'));
