import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertRejects, assertValid, messages, service } from './validationHelpers.js';

const dns1035Msg =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

describe('Service', () => {
  it('accepts the common shapes', () => {
    assertValid(service());
    assertValid(service({ type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }));
    assertValid(service({ type: 'LoadBalancer' }));
    assertValid(service({ clusterIP: 'None', ports: undefined }));
    assertValid(service({ type: 'ExternalName', externalName: 'db.example.com.', ports: undefined, selector: undefined }));
    assertValid(service({ ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'https', port: 443, targetPort: 8443 }] }));
  });

  it('names are DNS-1035 labels', () => {
    assertRejects(service({}, '1web'), `metadata.name: Invalid value: "1web": ${dns1035Msg}`);
    assertRejects(service({}, 'web.v1'), `metadata.name: Invalid value: "web.v1": ${dns1035Msg}`);
  });

  it('requires ports, except for headless and ExternalName services', () => {
    assertRejects(service({ ports: [] }), 'spec.ports: Required value');
  });

  it('checks ports', () => {
    assertRejects(service({ ports: [{ port: 0 }] }), 'spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive');
    assertRejects(service({ ports: [{ port: 70000 }] }), 'spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive');
    assertRejects(service({ ports: [{ port: 80 }, { name: 'b', port: 81 }] }), 'spec.ports[0].name: Required value');
    assertRejects(service({ ports: [{ name: 'a', port: 80 }, { name: 'a', port: 81 }] }), 'spec.ports[1].name: Duplicate value: "a"');
    assertRejects(service({ ports: [{ port: 80, targetPort: 'http_port' }] }), 'spec.ports[0].targetPort: Invalid value: "http_port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
    assertRejects(service({ ports: [{ port: 53, protocol: 'ICMP' }] }), 'spec.ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"');
    assertRejects(
      service({ ports: [{ name: 'a', port: 80 }, { name: 'b', port: 80 }] }),
      'spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:80, StrVal:""}, NodePort:0}',
    );
  });

  it('allows node ports only on NodePort and LoadBalancer services, inside the range', () => {
    assertRejects(
      service({ type: 'NodePort', ports: [{ port: 80, nodePort: 40000 }] }),
      'spec.ports[0].nodePort: Invalid value: 40000: provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
    assertRejects(service({ ports: [{ port: 80, nodePort: 30080 }] }), "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'");
    assertRejects(
      service({ type: 'NodePort', ports: [{ name: 'a', port: 80, nodePort: 30080 }, { name: 'b', port: 81, nodePort: 30080 }] }),
      'spec.ports[1].nodePort: Duplicate value: 30080',
    );
  });

  it('requires externalName on ExternalName services', () => {
    assertRejects(service({ type: 'ExternalName', ports: undefined }), 'spec.externalName: Required value');
    const got = messages(service({ type: 'ExternalName', externalName: 'DB_HOST', ports: undefined }));
    assert.ok(got.some((m) => m.startsWith('spec.externalName: Invalid value: "DB_HOST": a lowercase RFC 1123 subdomain')), got.join('\n'));
  });

  it('checks the selector labels', () => {
    const got = messages(service({ selector: { app: 'web server' } }));
    assert.ok(got.some((m) => m.startsWith('spec.selector: Invalid value: "web server": a valid label must be an empty string')), got.join('\n'));
  });

  it('checks cluster IPs', () => {
    assertRejects(service({ clusterIP: '10.0.0.300' }), 'spec.clusterIPs[0]: Invalid value: "10.0.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)');
    assertRejects(service({ type: 'NodePort', clusterIP: 'None' }), "spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services");
    assertRejects(
      service({ clusterIP: '10.0.0.5', clusterIPs: ['10.0.0.6'] }),
      'spec.clusterIPs: Invalid value: []string{"10.0.0.6"}: first value must match `clusterIP`',
    );
    assertValid(service({ clusterIP: '10.96.0.10' }));
  });

  it('checks session affinity and traffic policies', () => {
    assertRejects(service({ sessionAffinity: 'Cookie' }), 'spec.sessionAffinity: Unsupported value: "Cookie": supported values: "ClientIP", "None"');
    assertRejects(
      service({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 0 } } }),
      'spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 0: must be greater than 0 and less than 86400',
    );
    assertRejects(service({ externalTrafficPolicy: 'Local' }), 'spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services');
    assertRejects(service({ type: 'Headless' }), 'spec.type: Unsupported value: "Headless": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"');
  });
});

describe('Ingress', () => {
  const backend = { service: { name: 'web', port: { number: 80 } } };
  const ingress = (spec: Record<string, unknown>) => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'web', namespace: 'default' },
    spec,
  });
  const rule = (path: Record<string, unknown>, host?: string) => ({ host, http: { paths: [{ path: '/', pathType: 'Prefix', backend, ...path }] } });

  it('accepts a valid one', () => {
    assertValid(ingress({ ingressClassName: 'nginx', rules: [rule({}, 'shop.example.com'), rule({ path: '/api', pathType: 'Exact' }, '*.example.com')] }));
    assertValid(ingress({ defaultBackend: backend }));
  });

  it('needs rules or a default backend', () => {
    assertRejects(ingress({}), 'spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified');
  });

  it('needs a pathType and an absolute path', () => {
    assertRejects(ingress({ rules: [rule({ pathType: undefined })] }), 'spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified');
    assertRejects(ingress({ rules: [rule({ path: 'api' })] }), 'spec.rules[0].http.paths[0].path: Invalid value: "api": must be an absolute path');
    assertRejects(
      ingress({ rules: [rule({ pathType: 'Regex' })] }),
      'spec.rules[0].http.paths[0].pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"',
    );
    assertRejects(ingress({ rules: [rule({ path: '/a//b' })] }), "spec.rules[0].http.paths[0].path: Invalid value: \"/a//b\": must not contain '//'");
    assertRejects(ingress({ rules: [{ http: { paths: [] } }] }), 'spec.rules[0].http.paths: Required value');
  });

  it('checks backends', () => {
    assertRejects(ingress({ rules: [rule({ backend: { service: { port: { number: 80 } } } })] }), 'spec.rules[0].http.paths[0].backend.service.name: Required value');
    assertRejects(ingress({ rules: [rule({ backend: { service: { name: 'web' } } })] }), 'spec.rules[0].http.paths[0].backend: Required value: port name or number is required');
    assertRejects(
      ingress({ rules: [rule({ backend: { service: { name: 'web', port: { name: 'HTTP' } } } })] }),
      'spec.rules[0].http.paths[0].backend.service.port.name: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
    );
    assertRejects(
      ingress({ rules: [rule({ backend: { service: { name: 'web', port: { number: 80, name: 'http' } } } })] }),
      'spec.rules[0].http.paths[0].backend: Invalid value: "": cannot set both port name & port number',
    );
    assertRejects(
      ingress({ rules: [rule({ backend: { service: { name: 'web', port: { number: 70000 } } } })] }),
      'spec.rules[0].http.paths[0].backend.service.port.number: Invalid value: 70000: must be between 1 and 65535, inclusive',
    );
    assertRejects(ingress({ rules: [rule({ backend: {} })] }), 'spec.rules[0].http.paths[0].backend: Invalid value: "": resource or service backend is required');
  });

  it('checks hosts', () => {
    assertRejects(ingress({ rules: [rule({}, '10.0.0.1')] }), 'spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address');
    const got = messages(ingress({ rules: [rule({}, 'foo.*.com')] }));
    assert.ok(got.some((m) => m.startsWith("spec.rules[0].host: Invalid value: \"foo.*.com\": a wildcard DNS-1123 subdomain must start with '*.'")), got.join('\n'));
  });
});
