import { AppError } from "../../../lib/errors.ts";

export const throughToken = new AppError("FORBIDDEN", {
  message: {
    vi: "Không thể dùng mã API để tạo hay thu hồi mã API: hãy đăng nhập.",
    en: "An API token cannot create or revoke API tokens: sign in.",
  },
});
export const memberNotAllowed = new AppError("FORBIDDEN", {
  message: {
    vi: "Đảng viên chỉ tạo được mã API khi quản trị viên cho phép.",
    en: "A member may create API tokens only when an administrator allows it.",
  },
});
