-- Reference data: Sóc Trăng province (94), its Sở TT&TT (STTTT: departments have no
-- statistics-office code) and the districts of 2023 with their codes. District level was
-- abolished on 2025-07-01; the old codes stay valid as historical keys.
INSERT INTO units (code, name, kind, parent, coastal, valid_to) VALUES
  ('94', 'Tỉnh Sóc Trăng', 'tỉnh', NULL, 0, NULL),
  ('STTTT', 'Sở Thông tin và Truyền thông', 'sở', '94', 0, NULL),
  ('941', 'Thành phố Sóc Trăng', 'thành phố', '94', 0, '2025-06-30'),
  ('942', 'Huyện Châu Thành', 'huyện', '94', 0, '2025-06-30'),
  ('943', 'Huyện Kế Sách', 'huyện', '94', 0, '2025-06-30'),
  ('944', 'Huyện Mỹ Tú', 'huyện', '94', 0, '2025-06-30'),
  ('945', 'Huyện Cù Lao Dung', 'huyện', '94', 1, '2025-06-30'),
  ('946', 'Huyện Long Phú', 'huyện', '94', 0, '2025-06-30'),
  ('947', 'Huyện Mỹ Xuyên', 'huyện', '94', 0, '2025-06-30'),
  ('948', 'Thị xã Ngã Năm', 'thị xã', '94', 0, '2025-06-30'),
  ('949', 'Huyện Thạnh Trị', 'huyện', '94', 0, '2025-06-30'),
  ('950', 'Thị xã Vĩnh Châu', 'thị xã', '94', 1, '2025-06-30'),
  ('951', 'Huyện Trần Đề', 'huyện', '94', 1, '2025-06-30')
ON CONFLICT (code) DO NOTHING;

-- Plan 157 is carried out by the Sở TT&TT and the coastal districts (plan text, part V).
INSERT INTO expected_units (template_id, unit)
  SELECT 'kh-157-2023', code FROM units WHERE code = 'STTTT' OR coastal = 1;
