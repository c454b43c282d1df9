import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ICON_SVG, ICO_NAME, PNG_SIZES, ROOT, makeIcons, pngName } from '../../../scripts/make-icons.mjs'

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG')
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) }
}

describe('app icons in resources/', () => {
  it('the committed PNGs and .ico are exactly what `npm run icons` makes from resources/icon.svg', async () => {
    const made = await makeIcons(readFileSync(ICON_SVG))
    expect([...made.keys()].sort()).toEqual([...PNG_SIZES.map(pngName), ICO_NAME].sort())
    for (const [name, bytes] of made) {
      const committed = readFileSync(join(ROOT, 'resources', name))
      expect(committed.equals(bytes), `resources/${name} differs from what the script renders: run npm run icons`).toBe(true)
    }
  })

  it('each PNG has the size its name says, and the .ico holds the sizes up to 256', async () => {
    for (const size of PNG_SIZES)
      expect(pngSize(readFileSync(join(ROOT, 'resources', pngName(size))))).toEqual({ width: size, height: size })
    const ico = readFileSync(join(ROOT, 'resources', ICO_NAME))
    expect(ico.readUInt16LE(0)).toBe(0) // reserved
    expect(ico.readUInt16LE(2)).toBe(1) // type: icon
    const count = ico.readUInt16LE(4)
    const widths = Array.from({ length: count }, (_, i) => ico[6 + i * 16] || 256) // 0 means 256
    expect(widths.sort((a, b) => a - b)).toEqual([16, 32, 48, 64, 128, 256])
  })
})
