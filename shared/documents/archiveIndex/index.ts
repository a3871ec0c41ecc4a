// Pure. 《档案目录》: the archive index PDF of the verifiable archive (一户一档).
export * from './archiveIndexData';
export { ArchiveIndexDocument, archiveIndexColumns, renderArchiveIndex } from './ArchiveIndexDocument';
