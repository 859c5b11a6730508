/** Every entity of the comments schema. */
export const COMMENTS_ENTITIES: Function[] = [];
