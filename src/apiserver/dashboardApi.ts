// The API beside the dashboard (`kubesim --api`): the dashboard drives the clock itself, and when a
// scenario restarts with a fresh cluster the server is started again over it on the same port,
// with the same certificate and token, so the kubeconfig stays valid.
import type { Cluster } from '../cluster.js';
import { generateTlsMaterial } from './certificates.js';
import { ApiServer } from './server.js';
import { randomBytes } from 'node:crypto';

export class DashboardApi {
  private server: ApiServer | undefined;
  private readonly token = randomBytes(32).toString('base64url');
  private readonly tls = generateTlsMaterial();
  private port: number;

  constructor(
    port: number,
    private readonly kubeconfig: string,
  ) {
    this.port = port;
  }

  get url(): string {
    return `https://127.0.0.1:${this.port}`;
  }

  async start(cluster: Cluster): Promise<void> {
    const server = new ApiServer(cluster, { port: this.port, token: this.token, tls: this.tls });
    await server.start();
    this.port = Number(new URL(server.url).port);
    server.writeKubeconfig(this.kubeconfig);
    this.server = server;
  }

  /** Serves `cluster` from now on (a restarted scenario). */
  async swap(cluster: Cluster): Promise<void> {
    await this.server?.stop();
    await this.start(cluster);
  }

  async stop(): Promise<void> {
    await this.server?.stop();
    this.server = undefined;
  }
}
