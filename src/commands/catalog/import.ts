import { overrideImport } from '../override-import.js';

/** `gov-desk catalog import FILE`: the commune's own version of a procedure record, for every desk of this store. */
export const catalogImport = overrideImport('procedure', {
  async parse(text, file) {
    const { parseProcedureFile } = await import('../../catalog/loader.js');
    parseProcedureFile(text, file);
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  },
  async build(_ctx, own, content) {
    const { loadCatalog } = await import('../../catalog/loader.js');
    await loadCatalog({ overrides: own });
    const p = content as { code: string; name: string };
    return `${p.code} ${p.name}`;
  },
});
