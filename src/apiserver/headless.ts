// A cluster served over the API and advanced in real time: what `kubesim serve` runs, and what the
// tests start in-process. The SimulationDriver advances the virtual clock at the chosen speed (1x
// for people: a 30 s grace period takes 30 s) in small slices, so requests are answered between them.
import type { Cluster } from '../cluster.js';
import { SimulationDriver, type Speed } from '../ui/simDriver.js';
import { ApiServer, type ApiServerOptions } from './server.js';

export interface HeadlessOptions extends ApiServerOptions {
  /** Where to write the kubeconfig; none is written when undefined. */
  kubeconfig?: string;
  /** Simulated seconds per real second (default 1); 0 leaves the clock to the caller. */
  speed?: Speed;
}

export interface Headless {
  server: ApiServer;
  driver: SimulationDriver;
  url: string;
  stop(): Promise<void>;
}

export async function serveCluster(cluster: Cluster, options: HeadlessOptions = {}): Promise<Headless> {
  const server = new ApiServer(cluster, options);
  const url = await server.start();
  if (options.kubeconfig) server.writeKubeconfig(options.kubeconfig);
  const driver = new SimulationDriver(cluster, options.speed ?? 1);
  if ((options.speed ?? 1) > 0) driver.start();
  return {
    server,
    driver,
    url,
    async stop() {
      driver.stop();
      await server.stop();
    },
  };
}
