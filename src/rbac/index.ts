// RBAC: who may do what. A layer beside store/: the CLI, the dashboard and the API facade ask it
// before they write on a user's behalf; the control plane itself is never checked.
export { authorize, forbiddenMessage, applicableBindings, describeRequest } from './authorizer.js';
export type { AuthorizationRequest, AuthorizationDecision, GrantingRule, ObjectName } from './authorizer.js';
export { rulesFor, canIListRows } from './rulesFor.js';
export type { GrantedRule, CanIRow } from './rulesFor.js';
export { bootstrapRbacObjects } from './bootstrapPolicy.js';
export { ruleAllows, describeRule } from './policyRules.js';
export type { PolicyRule, AccessAttributes } from './policyRules.js';
export { serviceAccountUsername, parseServiceAccountUsername, effectiveGroups, MASTERS_GROUP } from './subjects.js';
export type { UserIdentity } from './subjects.js';
