// The user operations the dashboard and the CLI share. Each takes the Store (or the Cluster, for
// faults) and returns the line kubectl would print, or throws the API's error. To act as a user
// (`--as`), pass `actingStore(store, user)`: the one place where the user reaches the writes.
export { actingStore, type UserInfo } from './actingUser.js';
export { kubectlQuoted, kubectlRef, apiQuoted } from './names.js';
export { deleteObject, deleteQuestion, type DeleteRequest } from './deleteObject.js';
export { applyEditedText, editableYaml, editFileText, EDIT_CANCELLED } from './editObject.js';
export { applyFiles, parsePathList, type ApplyFilesResult } from './applyFiles.js';
export { decodeSecret, decodeSecretData } from './secrets.js';
export {
  desiredReplicas,
  formatUndoChoices,
  imagePrompt,
  IMAGE_KINDS,
  RESTARTABLE_KINDS,
  rolloutHistory,
  rolloutPause,
  rolloutRestart,
  rolloutResume,
  rolloutUndo,
  RolloutError,
  scale,
  SCALABLE_KINDS,
  scaleTo,
  setImage,
  setImageFromText,
  toggleRolloutPause,
  undoChoices,
  undoTo,
  type UndoChoices,
} from './workloads.js';
export { cordonNode, uncordonNode, drainNode, summarizeDrain, DrainRefused, DASHBOARD_DRAIN } from './nodes.js';
export { triggerCronJob, toggleCronJobSuspend, INSTANTIATE_ANNOTATION } from './cronJobs.js';
export { addLoad, injectedCpuMilli, LOADABLE_KINDS } from './load.js';
export { nodeDown, nodeUp, toggleNode, isNodeDown, crashPod, type FaultTarget } from './faults.js';
