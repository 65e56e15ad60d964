import { reviewPolicy } from "../recognition/index.ts";

/**
 * Exemplars: private to the nominating unit's subtree (and the chain above it) until recognised,
 * then shared with the whole tree.
 */
export const exemplarPolicy = reviewPolicy("exemplar");
