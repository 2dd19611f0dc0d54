/**
 * The most procedure calls one HTTP request may batch: the server refuses more, and the client
 * splits its batches to fit. Pages batch a handful at once; without a cap one request could fan
 * out into hundreds of provider calls.
 */
export const MAX_BATCH_SIZE = 10;
