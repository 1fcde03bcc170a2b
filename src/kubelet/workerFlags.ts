// The pod worker's yes/no state as bits of one number: every running pod has a worker, so one
// field instead of six.
export const FLAG_ADMITTED = 1;
export const FLAG_DEADLINE_HIT = 2;
export const FLAG_REMOVED = 4;
export const FLAG_ANNOTATIONS_CHECKED = 8;
export const FLAG_ADOPTION_CHECKED = 16;
/** The admitted resources and the IP were given back. */
export const FLAG_RELEASED = 32;
