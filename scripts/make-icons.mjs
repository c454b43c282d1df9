// `npm run icons`: renders resources/icon.svg, the one drawing of the app icon, into the PNG sizes the
// window, the web shell's favicon and packaging use, and a Windows .ico. The outputs are committed; a test
// (test/unit/toolchain/icons.test.ts) renders them again and fails if they differ, so nobody edits them by hand.
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Resvg } from '@resvg/resvg-js'
import pngToIco from 'png-to-ico'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
export const ICON_SVG = join(ROOT, 'resources', 'icon.svg')
export const PNG_SIZES = [16, 32, 48, 64, 128, 256, 512, 1024]
/** The .ico holds the sizes Windows uses (256 is its largest). */
export const ICO_SIZES = [16, 32, 48, 64, 128, 256]

/** resources/-relative file name of each output. */
export function pngName(size) {
  return `icons/${size}x${size}.png`
}
export const ICO_NAME = 'icon.ico'

/** Every output file as bytes, keyed by its name under resources/. */
export async function makeIcons(svg) {
  const files = new Map()
  for (const size of PNG_SIZES) {
    const png = new Resvg(svg, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } }).render().asPng()
    files.set(pngName(size), Buffer.from(png))
  }
  files.set(ICO_NAME, await pngToIco(ICO_SIZES.map((size) => files.get(pngName(size)))))
  return files
}

async function main() {
  const files = await makeIcons(await readFile(ICON_SVG))
  for (const [name, bytes] of files) {
    const path = join(ROOT, 'resources', name)
    await mkdir(dirname(path), { recursive: true })
    await writeFile(path, bytes)
  }
  console.log(`Wrote ${files.size} icon files to resources/ from resources/icon.svg`)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main()
