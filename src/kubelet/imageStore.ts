// A node's images: what is present (reported in node.status.images, which the scheduler's
// ImageLocality plugin reads), and the pull queue. The kubelet pulls one image at a time by default
// (serializeImagePulls), so a pull waits for the ones before it: that wait is the "including
// waiting" part of the Pulled event. Two pods asking for the same image share one pull.
import { imageId, imageInfo, type ImageInfo } from '../sim/imageCatalog.js';
import type { ImageRef } from '../sim/imageRef.js';

export interface PullJob {
  ref: ImageRef;
  requestedAt: number;
  doneAt: number;
  /** The pull's own duration (without the queue wait). */
  durationMs: number;
  ok: boolean;
  error?: string;
  sizeBytes: number;
}

export interface NodeImage {
  names: string[];
  sizeBytes: number;
}

/** The kubelet reports at most this many images (nodeStatusMaxImages). */
export const NODE_STATUS_MAX_IMAGES = 50;

export class ImageStore {
  private readonly present = new Map<string, NodeImage>();
  private readonly inflight = new Map<string, PullJob>();
  private pullFreeAt = 0;
  /** Bumped whenever the set of images changes, so the node status knows to report. */
  version = 0;

  has(ref: ImageRef): boolean {
    return this.present.has(ref.normalized);
  }

  info(ref: ImageRef): ImageInfo {
    return imageInfo(ref);
  }

  /** Queues a pull (or joins one already under way for the same image and outcome). */
  request(ref: ImageRef, now: number, durationMs: number, error: string | undefined): PullJob {
    const ok = error === undefined;
    const running = this.inflight.get(ref.normalized);
    if (running && running.doneAt >= now && running.ok === ok) {
      return { ...running, requestedAt: now, durationMs: Math.min(running.durationMs, running.doneAt - now) };
    }
    const start = Math.max(now, this.pullFreeAt);
    const doneAt = start + durationMs;
    this.pullFreeAt = doneAt;
    const job: PullJob = { ref, requestedAt: now, doneAt, durationMs, ok, error, sizeBytes: imageInfo(ref).sizeBytes };
    this.inflight.set(ref.normalized, job);
    return job;
  }

  /** Records a finished pull; the image is then present on the node. */
  complete(job: PullJob): void {
    const running = this.inflight.get(job.ref.normalized);
    if (running && running.doneAt <= job.doneAt) this.inflight.delete(job.ref.normalized);
    if (!job.ok || this.present.has(job.ref.normalized)) return;
    this.present.set(job.ref.normalized, { names: [imageId(job.ref), job.ref.normalized], sizeBytes: job.sizeBytes });
    this.version++;
  }

  /**
   * An image already on the node when this kubelet starts (a restored cluster: what the node
   * reported, what its containers run). Returns true when it was not known yet.
   */
  adopt(ref: ImageRef, sizeBytes = imageInfo(ref).sizeBytes): boolean {
    if (this.present.has(ref.normalized)) return false;
    this.present.set(ref.normalized, { names: [imageId(ref), ref.normalized], sizeBytes });
    this.version++;
    return true;
  }

  /** node.status.images: largest first, at most 50. */
  statusImages(): NodeImage[] {
    return [...this.present.values()].sort((a, b) => b.sizeBytes - a.sizeBytes).slice(0, NODE_STATUS_MAX_IMAGES).map((i) => ({ names: [...i.names], sizeBytes: i.sizeBytes }));
  }
}
