// Node soak helper: runs a hub in its own process so the soak can kill -9 it.
// `tsx hub-process.ts DATA_DIR PORT [--setup OP]`: with --setup, also founds the operation
// (demo commander key) and pairs writers "w1" and "w2" through the pairing routes, then
// prints their credentials as one JSON line. Prints "ready <fingerprint>" once listening.
import { startHub } from '../../electron/hub/index';
import { agentFor, commanderOn, pairStation } from './station';

async function main(): Promise<void> {
  const [dataDir, port, flag, op] = process.argv.slice(2);
  const hub = await startHub({ dataDir: dataDir!, port: Number(port) });
  if (flag === '--setup') {
    const agent = await agentFor(hub);
    const commander = await commanderOn(hub, op!, agent);
    const credentials: Record<string, string> = { commander: commander.credential };
    for (const name of ['w1', 'w2']) credentials[name] = (await pairStation(hub, commander, agent, name, { role: 'evidenceClerk' })).credential;
    console.log(`credentials ${JSON.stringify(credentials)}`);
  }
  console.log(`ready ${hub.fingerprint}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
