export declare const ROOT: string
export declare const ICON_SVG: string
export declare const PNG_SIZES: number[]
export declare const ICO_SIZES: number[]
export declare const ICO_NAME: string
export declare function pngName(size: number): string
export declare function makeIcons(svg: Buffer | string): Promise<Map<string, Buffer>>
