import type { scan as en } from '../en/scan';
import type { Messages } from '../messages';

export const scan: Messages<typeof en> = {
  'scan.button': 'Escanear con la cámara',
  'scan.camera.title': 'Escanear un código',
  'scan.camera.hint': 'Mantenga el código dentro del marco, a un palmo de distancia.',
  'scan.camera.starting': 'Encendiendo la cámara…',
  'scan.camera.close': 'Cerrar la cámara',
  'scan.camera.camera-denied': 'La cámara no está permitida. Permítala en la configuración del navegador o escriba el código.',
  'scan.camera.no-camera': 'Esta tableta no tiene cámara. Escriba el código.',
  'scan.camera.camera-unsupported': 'Este navegador no puede usar la cámara aquí. Escriba el código.',
  'scan.camera.reader-failed': 'El lector de códigos no arrancó. Cierre e inténtelo de nuevo, o escriba el código.',
  'scan.superseded.title': 'Hoja de ruta antigua: no la use',
  'scan.superseded.body': (workOrder: string, printed: string, released: string) =>
    `Esta hoja de ruta de ${workOrder} es la revisión ${printed}, pero la revisión vigente es la ${released}. Pida al coordinador la hoja de ruta de la revisión ${released}.`,
  'scan.elsewhere': (workOrder: string, station: string, status: string) => `${workOrder} no está en esta estación: está en ${station} (${status}).`,
  'scan.elsewhereUnknown': (workOrder: string, status: string) => `${workOrder} no tiene trabajo en esta estación (${status}).`,
  'scan.unknown': (raw: string) => `Floorboard no reconoce este código: ${raw}`,
  'scan.opened': (workOrder: string) => `Escaneado: abriendo ${workOrder}`,
  'scan.status.pending': 'sin iniciar',
  'scan.status.running': 'en marcha',
  'scan.status.paused': 'en pausa',
  'scan.status.completed': 'terminada',
  'scan.status.released': 'liberada',
  'scan.status.in-progress': 'en curso',
  'scan.status.cancelled': 'cancelada',
  'scan.enrollQr.label': (code: string) => `Código de alta ${code} como código QR, para la cámara de la tableta`,
};
