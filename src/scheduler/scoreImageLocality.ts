// ImageLocality: prefer nodes that already hold the pod's images (node.status.images, kept by the
// kubelet), weighting each image by how widely it is spread so one popular image does not pull every
// pod to the same nodes. sum clamped to [23Mi, 1000Mi × containers], then scaled to 0–100.
import type { NodeInfo } from './nodeInfo.js';
import type { PodInfo } from './podInfo.js';
import { MAX_NODE_SCORE } from './framework.js';

export const IMAGE_LOCALITY = 'ImageLocality';

const MB = 1024 * 1024;
export const MIN_IMAGE_THRESHOLD = 23 * MB;
export const MAX_CONTAINER_IMAGE_THRESHOLD = 1000 * MB;

/** An image without a tag or digest means `:latest`. */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

export interface ImageLocalityState {
  images: string[];
  containers: number;
  totalNodes: number;
  /** image → how many nodes report it. */
  spread: Map<string, number>;
  /**
   * What a node's sum is made of, worked out once per attempt: each container's image that some node
   * reports, with its spread factor (nodes with it / all nodes). Images no node reports add nothing.
   */
  present: string[];
  factors: number[];
}

export function preScoreImageLocality(pod: PodInfo, totalNodes: number, nodesWithImage: (image: string) => number): ImageLocalityState {
  const containers = [...(pod.pod.spec?.initContainers ?? []), ...(pod.pod.spec?.containers ?? [])];
  const images = containers.map((c) => normalizedImageName(c.image ?? ''));
  const spread = new Map<string, number>();
  for (const image of images) spread.set(image, nodesWithImage(image));
  const present: string[] = [];
  const factors: number[] = [];
  if (totalNodes > 0) {
    for (const image of images) {
      const n = spread.get(image)!;
      if (n === 0) continue;
      present.push(image);
      factors.push(n / totalNodes);
    }
  }
  return { images, containers: containers.length, totalNodes, spread, present, factors };
}

export function imageScoreFromSum(sum: number, containers: number): number {
  const max = MAX_CONTAINER_IMAGE_THRESHOLD * containers;
  const clamped = Math.min(Math.max(sum, MIN_IMAGE_THRESHOLD), max);
  if (max <= MIN_IMAGE_THRESHOLD) return 0;
  return Math.trunc((MAX_NODE_SCORE * (clamped - MIN_IMAGE_THRESHOLD)) / (max - MIN_IMAGE_THRESHOLD));
}

export function scoreImageLocality(_pod: PodInfo, node: NodeInfo, s: ImageLocalityState): number {
  if (s.totalNodes === 0) return 0;
  let sum = 0;
  for (let i = 0; i < s.present.length; i++) {
    const size = node.images.get(s.present[i]);
    if (size !== undefined) sum += Math.trunc(size * s.factors[i]);
  }
  return imageScoreFromSum(sum, s.containers);
}

export function scoreImageLocalityNodes(pod: PodInfo, nodes: readonly NodeInfo[], s: ImageLocalityState, out: number[]): void {
  // No node holds any of the images: every node sums to 0.
  if (s.totalNodes === 0 || s.present.length === 0) {
    out.fill(s.totalNodes === 0 ? 0 : imageScoreFromSum(0, s.containers), 0, nodes.length);
    return;
  }
  for (let i = 0; i < nodes.length; i++) out[i] = scoreImageLocality(pod, nodes[i], s);
}
