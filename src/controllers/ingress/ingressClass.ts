// Which Ingresses the simulated ingress controller serves, and the one address it publishes.
//
// kubesim does not model IngressClass objects, so nothing can be marked as the default class. The
// cluster behaves as if it ran one ingress-nginx whose IngressClass `nginx` is the default (as the
// ingress-nginx install for kind sets up, with --watch-ingress-without-class): it serves Ingresses
// that name no class, name class `nginx`, or carry the legacy `kubernetes.io/ingress.class: nginx`
// annotation. Ingresses naming another class are left to a controller that does not exist here.
import type { Ingress } from '../../api/types.js';

export const INGRESS_CLASS = 'nginx';
export const LEGACY_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

/**
 * The address of the ingress controller's own LoadBalancer Service. All Ingresses share it, as they
 * share one ingress-nginx; it sits just below the pool Services draw from (172.18.255.200-250) so
 * the two never collide.
 */
export const INGRESS_ADDRESS = '172.18.255.199';

/** The class an Ingress asks for: spec.ingressClassName, else the legacy annotation, else none. */
export function requestedClass(ing: Ingress): string | undefined {
  return ing.spec?.ingressClassName || ing.metadata.annotations?.[LEGACY_CLASS_ANNOTATION] || undefined;
}

export function isServedHere(ing: Ingress): boolean {
  const cls = requestedClass(ing);
  return cls === undefined || cls === INGRESS_CLASS;
}
