/** The largest request body a bridge reads (a message is at most 20 000 characters; JSON framing aside). */
export const MAX_BODY_BYTES = 1024 * 1024;
