import { type Context, t, writeErr, writeOut } from '../../context.js';
import { type Coverage, coverageJson } from '../../scan/coverage.js';
import { type ImportResult, sizeText } from '../../scan/import.js';
import { MIN_DPI } from '../../scan/assemble.js';
import { stateText } from './assign.js';

/** The documented `--json` shape of one import (docs/scan-import.md). */
export function resultJson(r: ImportResult) {
  return {
    schemaVersion: 1,
    dossier: r.code,
    imported: r.imported.map((i) => ({ component: i.component, ...i.file, from: i.from })),
    skipped: r.skipped,
    warnings: r.lowResolution.map((w) => ({ code: 'SCAN_LOW_RESOLUTION', file: w.name, dpi: w.dpi, minimum: MIN_DPI })),
    coverage: coverageJson(r.coverage),
  };
}

export function coverageLine(ctx: Pick<Context, 'lang'>, c: Coverage): string {
  const L = (vi: string, en: string) => t(ctx, { vi, en });
  const required = c.components.filter((x) => x.required);
  const done = required.filter((x) => x.state === 'digitised').length;
  const head = `${L('Số hóa', 'Digitised')}: ${done}/${required.length} ${L('thành phần phải số hóa', 'components to digitise')}`;
  return c.readyToSubmit ? `${head} · ${L('sẵn sàng nộp trực tuyến', 'ready to submit')}` : `${head} · ${L('còn thiếu', 'missing')}: ${c.missing.join(', ')}`;
}

export function lowResolutionWarnings(ctx: Context, r: ImportResult): void {
  for (const w of r.lowResolution) {
    writeErr(ctx, t(ctx, {
      vi: 'Cảnh báo: {file} được quét ở {dpi} dpi, dưới mức {min} dpi của thông số số hóa (TT 01/2023); nên quét lại.',
      en: 'Warning: {file} was scanned at {dpi} dpi, below the {min} dpi of the digitisation parameters (TT 01/2023); consider scanning it again.',
    }, { file: w.name, dpi: w.dpi, min: MIN_DPI }));
  }
}

export function printResult(ctx: Context, r: ImportResult): void {
  const L = (vi: string, en: string) => t(ctx, { vi, en });
  const lines: string[] = [];
  if (r.imported.length > 0) lines.push(`${L('Đã số hóa vào hồ sơ', 'Digitised into dossier')} ${r.code}:`);
  for (const i of r.imported) {
    const pages = `${i.file.pages} ${L('trang', i.file.pages === 1 ? 'page' : 'pages')}`;
    const from = i.file.assembledFrom ? `${i.from.join(', ')} → ` : '';
    lines.push(`  + ${i.component}: ${from}${i.file.path} (${pages}, ${sizeText(i.file.size)})`);
  }
  for (const s of r.skipped) {
    lines.push(`  = ${s.file}: ${s.reason === 'already-imported' ? L('đã nhập trước đó, bỏ qua', 'already imported, nothing to do') : L('trùng tệp khác trong lần nhập này, bỏ qua', 'same content as another file of this import, skipped')} (${s.component})`);
  }
  if (r.imported.length === 0 && r.skipped.length === 0) lines.push(L('Không có tệp nào để nhập.', 'No files to import.'));
  lines.push(coverageLine(ctx, r.coverage));
  for (const c of r.coverage.components) if (c.state === 'missing') lines.push(`  [ ] ${c.id}  ${c.name} · ${stateText(ctx, c)}`);
  writeOut(ctx, lines.join('\n'));
  lowResolutionWarnings(ctx, r);
}
