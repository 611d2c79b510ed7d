import { ElMessageBox } from 'element-plus';
import { i18n } from '../locales';

/** Asks before a destructive action; resolves true only when the user confirmed. */
export async function confirmDanger(message: string, title?: string, confirmText?: string): Promise<boolean> {
  const { t } = i18n.global;
  try {
    await ElMessageBox.confirm(message, title ?? t('common.confirmTitle'), {
      type: 'warning',
      confirmButtonText: confirmText ?? t('common.delete'),
      cancelButtonText: t('common.cancel'),
      confirmButtonClass: 'el-button--danger',
      customClass: 'atrium-confirm',
      autofocus: false,
    });
    return true;
  } catch {
    return false;
  }
}
