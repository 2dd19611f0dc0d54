/** No mapping with this id in the org (or it belongs to another org, which is the same to the caller). */
export class MappingNotFoundError extends Error {
  constructor() {
    super("This mapping doesn't exist (any more).");
    this.name = "MappingNotFoundError";
  }
}

/** Default mappings are part of the object's sync: they can be switched off, never deleted. */
export class DefaultMappingError extends Error {
  constructor() {
    super("Default mappings can't be deleted; switch this one off instead.");
    this.name = "DefaultMappingError";
  }
}
