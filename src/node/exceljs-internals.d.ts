/** ExcelJS's table of built-in number formats (not in its typings). */
declare module "exceljs/lib/xlsx/defaultnumformats.js" {
  const formats: Record<number, { f?: string }>;
  export default formats;
}
