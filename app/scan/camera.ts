import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

/** Why the camera does not scan; each code has words in the `scan.camera.*` catalogue. */
export type CameraFailure = 'camera-denied' | 'no-camera' | 'camera-unsupported' | 'reader-failed';

interface Reader {
  /** The codes in the frame, as a wedge would type them (symbology prefix, GS between GS1 fields). */
  read(frame: HTMLCanvasElement): Promise<string[]>;
}

interface NativeDetector {
  detect(source: CanvasImageSource): Promise<{ rawValue: string }[]>;
}
type NativeDetectorClass = {
  new (opts: { formats: string[] }): NativeDetector;
  getSupportedFormats(): Promise<string[]>;
};

const NATIVE_FORMATS = ['qr_code', 'code_128', 'data_matrix', 'code_39', 'ean_13'];

/** The platform's BarcodeDetector where it exists (Android, ChromeOS); null elsewhere (Linux, Windows). */
async function nativeReader(): Promise<Reader | null> {
  const Detector = (globalThis as { BarcodeDetector?: NativeDetectorClass }).BarcodeDetector;
  if (!Detector) return null;
  const supported = await Detector.getSupportedFormats().catch(() => [] as string[]);
  const formats = NATIVE_FORMATS.filter((f) => supported.includes(f));
  if (formats.length === 0) return null;
  const d = new Detector({ formats });
  return { read: async (frame) => (await d.detect(frame)).map((r) => r.rawValue) };
}

/**
 * zxing-wasm's reader, loaded only now that a camera opens. Its `.wasm` comes from our own server
 * (a Vite asset the service worker precaches, §8), never from the library's default CDN.
 */
async function zxingReader(): Promise<Reader> {
  const { prepareZXingModule, readBarcodes } = await import('zxing-wasm/reader');
  const url = new URL(wasmUrl, location.href).href;
  await prepareZXingModule({
    overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? url : prefix + path) },
    fireImmediately: true,
  });
  return {
    read: async (frame) => {
      const ctx = frame.getContext('2d', { willReadFrequently: true });
      if (!ctx) return [];
      const results = await readBarcodes(ctx.getImageData(0, 0, frame.width, frame.height), {
        formats: ['QRCode', 'Code128', 'DataMatrix', 'Code39', 'EAN13'],
        tryHarder: true,
        maxNumberOfSymbols: 1,
        // GS between GS1 fields, as a wedge types them; the prefix tells parseScan it is GS1.
        textMode: 'Plain',
      });
      return results.filter((r) => r.isValid).map((r) => r.symbologyIdentifier + r.text);
    },
  };
}

export interface CameraSession {
  stop(): void;
}

/**
 * Opens the back camera into `video` and reads frames until a code is found: `onCode` gets it
 * once and the camera stops. A failure is a code, for the screen to say.
 */
export async function startCamera(video: HTMLVideoElement, onCode: (text: string) => void): Promise<CameraSession | CameraFailure> {
  if (!navigator.mediaDevices?.getUserMedia) return 'camera-unsupported';
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment', width: { ideal: 1280 }, height: { ideal: 720 } }, audio: false });
  } catch (e) {
    const name = (e as { name?: string }).name;
    return name === 'NotAllowedError' || name === 'SecurityError' ? 'camera-denied' : 'no-camera';
  }
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = () => {
    stopped = true;
    clearTimeout(timer);
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  };
  let reader: Reader;
  try {
    video.srcObject = stream;
    video.muted = true;
    video.playsInline = true;
    await video.play();
    reader = (await nativeReader()) ?? (await zxingReader());
  } catch {
    stop();
    return 'reader-failed';
  }
  const canvas = document.createElement('canvas');
  const tick = async () => {
    if (stopped) return;
    if (video.readyState >= 2 && video.videoWidth > 0) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      canvas.getContext('2d', { willReadFrequently: true })?.drawImage(video, 0, 0);
      const found = await reader.read(canvas).catch(() => [] as string[]);
      if (stopped) return;
      if (found[0]) {
        stop();
        onCode(found[0]);
        return;
      }
    }
    // A frame every ~150 ms keeps a tablet cool and still feels instant.
    timer = setTimeout(() => void tick(), 150);
  };
  void tick();
  return { stop };
}
