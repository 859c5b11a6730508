/** Every entity of the articles schema. */
export const ARTICLES_ENTITIES: Function[] = [];
