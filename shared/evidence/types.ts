// Pure. The footage and photo register (证据保全): one record per file whose SHA-256 was
// computed when it was registered.

export interface MediaRecord {
  id: string;
  operationId: string;
  /** Lower-case hex SHA-256 of the whole file, computed by streaming when it was registered. */
  sha256: string;
}
