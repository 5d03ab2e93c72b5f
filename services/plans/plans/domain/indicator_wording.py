"""How Vietnamese plans word the catalogue's indicators: data the importer's proposer reads beside the catalogue.

Pure data, written in Vietnamese as plans write it (the proposer folds diacritics itself, and tells a word
written with other diacritics from one written without any). Kept here, not in the catalogue, because the
catalogue is the indicators service's and shared with the reports service; an indicator the catalogue
does not have is never proposed, whatever its wording here.

- :data:`ABBREVIATIONS`: what plans shorten ("HS", "CBQL", "PCGD", "KĐCL", "CĐS" …), looked up without
  diacritics and case; :data:`CASED_ABBREVIATIONS` only as written in capitals ("TA" is also "ta", "we").
- :data:`WORDING`: per indicator code, ``phrases`` that name what it measures (a leading ``~`` marks a weak
  sign: the topic, not yet the measure, as "tiếng Anh" alone; "a … b" two parts that may stand apart in the
  sentence, "đào tạo … chuyển đổi số"), ``mentions`` (school levels a sentence about it names besides its
  own: a move to THPT is a lower-secondary indicator), ``subjects`` (who or what it counts: a sentence
  whose subject is another kind, "100% cha mẹ học sinh được tuyên truyền về Nghị quyết", is not it), ``not``
  (wordings that speak of something else though a phrase occurs: "thạc sĩ" is not the training standard),
  ``never`` (wordings of another measure altogether: an average class size is no largest class, a school kitchen
  no share of boarders; nothing is proposed) and ``doubt`` (wordings that may mean it or a neighbouring measure
  the catalogue lacks, as the graduation exam's pass rate for the upper-secondary level completed: proposed,
  never confidently).
- :data:`SUBJECTS`: the words that say who or what a target counts, by kind; :data:`LEVELS`: the words
  that name a school level.
"""
from __future__ import annotations

ABBREVIATIONS: dict[str, str] = {
    "hs": "học sinh", "hssv": "học sinh sinh viên", "gv": "giáo viên", "cbql": "cán bộ quản lý",
    "cbgv": "cán bộ giáo viên", "cbgvnv": "cán bộ giáo viên nhân viên", "gvnv": "giáo viên nhân viên",
    "cbnv": "cán bộ nhân viên", "ql": "quản lý", "pcgd": "phổ cập giáo dục", "gd": "giáo dục",
    "xmc": "xóa mù chữ", "kdcl": "kiểm định chất lượng", "kdclgd": "kiểm định chất lượng giáo dục",
    "cds": "chuyển đổi số", "udcntt": "ứng dụng công nghệ thông tin", "cntt": "công nghệ thông tin",
    "ttnt": "trí tuệ nhân tạo", "sgk": "sách giáo khoa", "tthc": "thủ tục hành chính", "dvc": "dịch vụ công",
    "dvctt": "dịch vụ công trực tuyến", "blhd": "bạo lực học đường", "cqg": "chuẩn quốc gia",
    "phtm": "phòng học thông minh", "gdnn": "giáo dục nghề nghiệp", "gdtx": "giáo dục thường xuyên",
    "nq": "nghị quyết", "csdl": "cơ sở dữ liệu", "dc": "được", "đc": "được", "ko": "không",
    "trung học cơ sở": "thcs", "trung học phổ thông": "thpt", "nqtw": "nghị quyết", "clb": "câu lạc bộ",
}
"""Shortened words, keyed without diacritics and in lower case (also several words: a longer form to a short)."""

CASED_ABBREVIATIONS: dict[str, str] = {
    "TA": "tiếng Anh", "CB": "cán bộ", "NV": "nhân viên", "QG": "quốc gia", "MN": "mầm non", "TH": "tiểu học",
    "TV": "thư viện", "NN": "ngoại ngữ",
}
"""Shortened words that are also ordinary words in lower case, read only in capitals."""

#: "TV" after these words is tiếng Việt (a subject taught), elsewhere thư viện (the library).
TV_AS_LANGUAGE_AFTER = ("cường", "môn", "học", "dạy", "tiếng")

SUBJECTS: dict[str, tuple[str, ...]] = {
    "staff": ("cán bộ", "giáo viên", "nhân viên", "nhà giáo", "đội ngũ", "đảng viên", "công chức", "viên chức",
              "người lao động", "hiệu trưởng", "tổ trưởng"),
    "pupils": ("học sinh", "trẻ", "trẻ em", "người học", "cháu", "người trong độ tuổi", "thanh thiếu niên"),
    "learners": ("học viên",),
    "public": ("cha mẹ", "phụ huynh", "người dân", "lao động nông thôn", "hộ gia đình", "người lớn", "thanh niên"),
    "classes": ("lớp", "lớp học", "nhóm lớp", "nhóm"),
    "units": ("trường", "nhà trường", "cơ sở giáo dục", "đơn vị", "xã", "phường", "thôn", "tổ dân phố"),
    "records": ("hồ sơ", "sổ sách", "học bạ", "sổ điểm", "văn bản", "dữ liệu", "sổ"),
    "procedures": ("thủ tục", "dịch vụ công", "giao dịch", "khoản thu"),
    "facilities": ("thư viện", "phòng học", "phòng", "máy tính", "thiết bị", "nhà vệ sinh", "góc thư viện"),
    "cases": ("vụ", "vụ việc", "trường hợp"),
}
"""Who or what a target counts, by kind; "units" (a school, a commune) fit every indicator. "learners" (học viên of
continuing education or vocational courses) fit none: the catalogue measures schools' pupils."""

LEVELS: dict[str, tuple[str, ...]] = {
    "mam_non": ("mầm non", "mẫu giáo", "nhà trẻ"),
    "tieu_hoc": ("tiểu học",),
    "thcs": ("thcs",),
    "thpt": ("thpt",),
}
"""Words that name a school level (the codes of the catalogue's ``school_levels``)."""

_STAFF = ("staff",)
_PUPILS = ("pupils",)

WORDING: dict[str, dict[str, tuple[str, ...]]] = {
    "STAFF_BRIEFED": {
        "phrases": ("quán triệt", "quán triệt nghị quyết", "học tập nghị quyết", "phổ biến nghị quyết",
                    "nắm vững nghị quyết", "tuyên truyền nghị quyết", "tiếp cận nghị quyết", "nắm được nghị quyết",
                    "phổ biến nội dung nghị quyết", "nắm vững nội dung nghị quyết", "~nghị quyết 71"),
        "subjects": _STAFF,
    },
    "STAFF_DIGITAL_TRAINED": {
        "phrases": ("bồi dưỡng chuyển đổi số", "tập huấn chuyển đổi số", "đào tạo chuyển đổi số",
                    "kỹ năng chuyển đổi số", "kỹ năng số", "năng lực số", "bồi dưỡng kỹ năng số",
                    "bồi dưỡng công nghệ thông tin", "bồi dưỡng ứng dụng công nghệ thông tin",
                    "tập huấn công nghệ thông tin", "chứng chỉ ứng dụng công nghệ thông tin", "năng lực quản trị số",
                    "đào tạo … chuyển đổi số", "bồi dưỡng … chuyển đổi số", "tập huấn … chuyển đổi số",
                    "bồi dưỡng … kỹ năng số", "bồi dưỡng … năng lực số",
                    "chứng chỉ công nghệ thông tin", "kỹ năng công nghệ số", "năng lực ứng dụng công nghệ thông tin"),
        "subjects": _STAFF,
        "not": ("thạc sĩ",),
    },
    "STAFF_USING_AI": {
        "phrases": ("trí tuệ nhân tạo", "ứng dụng ai", "sử dụng ai", "công cụ ai", "ai trong", "ứng dụng trí tuệ nhân tạo",
                    "khai thác ai", "chatgpt", "phần mềm ai", "công cụ trí tuệ nhân tạo"),
        "subjects": _STAFF,
        "never": ("chứng chỉ",),   # a certificate in AI is a qualification held, not AI used in the work
        # "được bồi dưỡng về chuyển đổi số và trí tuệ nhân tạo": trained in it, which is the staff's training
        "not": ("bồi dưỡng về", "tập huấn về", "đào tạo về"),
    },
    "TEACHERS_QUALIFIED": {
        "phrases": ("đạt chuẩn trình độ đào tạo", "chuẩn trình độ đào tạo", "đạt chuẩn về trình độ đào tạo",
                    "trình độ đạt chuẩn", "đạt chuẩn trình độ", "cao đẳng sư phạm trở lên", "đại học sư phạm trở lên",
                    "trình độ từ cao đẳng", "trình độ đại học", "~chuẩn nghề nghiệp", "giáo viên đạt chuẩn",
                    "nhà giáo đạt chuẩn"),
        "subjects": _STAFF,
        "not": ("thạc sĩ", "tiến sĩ", "trên chuẩn", "chuẩn hiệu trưởng", "tiếng anh", "ngoại ngữ", "danh hiệu",
                "kỹ năng số", "xếp loại"),
        # the professional standard's rating ("đạt chuẩn nghề nghiệp mức Khá trở lên") is how well teachers teach,
        # not the degree they hold
        "never": ("mức khá", "mức tốt"),
    },
    "SMART_CLASSROOMS": {
        "phrases": ("phòng học thông minh", "lớp học thông minh", "phòng thông minh"),
        "subjects": ("facilities", "classes"),
    },
    "CLASSES": {
        "phrases": ("số lớp", "quy mô", "~duy trì", "~giữ vững", "~lớp học", "~trường có"),
        "subjects": ("classes", "pupils"),
        "not": ("tập huấn", "bồi dưỡng", "thông minh", "sĩ số", "mỗi lớp", "chuyên đề", "xóa", "học sinh/lớp"),
        # courses (literacy, vocational) and a group doing an activity are not the school's classes
        "never": ("xóa mù chữ", "nghề", "làm quen", "sơ cấp", "trung cấp", "bình dân học vụ", "lớp tin học",
                  "lớp ngoại ngữ"),
    },
    "MAX_CLASS_SIZE": {
        "phrases": ("sĩ số", "sĩ số lớp", "học sinh mỗi lớp", "mỗi lớp", "học sinh trên lớp", "học sinh/lớp",
                    "lớp nào vượt quá", "trẻ mỗi lớp", "trẻ/lớp", "trẻ mỗi nhóm", "trẻ/nhóm"),
        "subjects": ("pupils", "classes"),
        "not": ("bài học", "tổ chức"),
        "never": ("bình quân", "trung bình"),   # an average class is not the largest
    },
    "ENROLMENT_AGE_GROUP": {
        "phrases": ("huy động", "ra lớp", "trong độ tuổi", "đến trường", "vào lớp 1", "tuyển sinh lớp 1",
                    "đi học", "nhập học", "đúng độ tuổi", "tuổi đi học mẫu giáo", "đi học mẫu giáo"),
        "subjects": _PUPILS,
        "not": ("hoàn thành", "tốt nghiệp", "tiếng việt", "suy dinh dưỡng", "chuyên cần", "lớp 6", "lớp 10",
                "hướng nghiệp", "tư vấn", "chuyển cấp"),
    },
    "DROPOUT": {
        "phrases": ("bỏ học", "học sinh bỏ học", "nghỉ học giữa chừng", "bỏ học giữa chừng"),
        "subjects": _PUPILS,
    },
    "REPETITION": {
        "phrases": ("lưu ban", "ở lại lớp", "học sinh lưu ban"),
        "subjects": _PUPILS,
    },
    "PROGRAMME_COMPLETED": {
        "phrases": ("hoàn thành chương trình", "hoàn thành chương trình tiểu học", "tốt nghiệp thcs", "tốt nghiệp thpt",
                    "hoàn thành cấp học", "hoàn thành chương trình cấp học", "~tốt nghiệp", "công nhận tốt nghiệp",
                    "tỷ lệ tốt nghiệp", "đỗ tốt nghiệp",
                    "hoàn thành chương trình giáo dục mầm non", "hoàn thành cấp thpt", "hoàn thành cấp"),
        "subjects": _PUPILS,
        "not": ("vào lớp 6", "vào học lớp 6", "vào lớp 10", "vào học lớp 10", "theo học thpt", "vào học thpt", "học nghề", "lớp nghề",
                "tiếp tục học", "vào thpt", "chuyển cấp", "hoàn thành tốt", "tư vấn", "điểm", "nhiệm vụ", "phân luồng",
                "ở lại lớp", "chưa hoàn thành", "việc làm", "đại học", "trung cấp", "tuyển sinh lớp 10",
                "tuyển sinh vào lớp 10", "lựa chọn", "học tiếp"),
        # one subject's programme ("hoàn thành Chương trình giáo dục thể chất") is no school level completed
        "never": ("giáo dục thể chất", "chương trình môn"),
        "doubt": ("tốt nghiệp thpt",),
    },
    "PROGRESSION_THPT_VOC": {
        "phrases": ("vào thpt", "học thpt", "tiếp tục học thpt", "giáo dục nghề nghiệp", "phân luồng", "học nghề",
                    "vào lớp 10", "vào học lớp 10", "theo học thpt", "lớp nghề", "tiếp tục học", "chuyển cấp",
                    "thpt và các trình độ khác", "đi học nghề", "trung cấp nghề", "đỗ vào lớp 10", "vào học thpt",
                    "học lên thpt", "tuyển sinh lớp 10", "tuyển sinh vào lớp 10", "học tiếp thpt", "học tiếp lên thpt"),
        "mentions": ("thpt",),
        "subjects": _PUPILS,
        # ("thanh niên trong độ tuổi 16 - 18 theo học THPT": an age group's enrolment, not pupils leaving THCS; "tiếp
        # tục học lớp 6": the move into lower-secondary school)
        "not": ("tư vấn", "việc làm", "trong độ tuổi", "lớp 6"),
        "never": ("cao đẳng", "đại học"),   # after THPT: no move out of lower-secondary school
    },
    "TRAINING_EFFICIENCY": {
        "phrases": ("hiệu suất đào tạo", "hiệu quả đào tạo"),
        "subjects": _PUPILS,
    },
    "PCGD_LEVEL": {
        "phrases": ("phổ cập giáo dục", "phổ cập", "chuẩn phổ cập", "phổ cập giáo dục tiểu học", "phổ cập giáo dục thcs",
                    "phổ cập gd"),
        "subjects": (),
    },
    "NATIONAL_STANDARD_LEVEL": {
        "phrases": ("chuẩn quốc gia", "trường chuẩn quốc gia", "đạt chuẩn quốc gia", "trường đạt chuẩn"),
        "subjects": (),
        "not": ("số trường",),
    },
    "ACCREDITATION_LEVEL": {
        "phrases": ("kiểm định chất lượng", "kiểm định", "kiểm định chất lượng giáo dục", "cấp độ kiểm định"),
        "subjects": (),
    },
    "RECORDS_DIGITAL": {
        "phrases": ("số hóa", "hồ sơ điện tử", "học bạ số", "học bạ điện tử", "hồ sơ số", "dữ liệu số",
                    "sổ sách điện tử", "sổ điểm điện tử", "trên phần mềm", "thực hiện điện tử", "dạng điện tử",
                    "cơ sở dữ liệu ngành", "cơ sở dữ liệu", "xử lý trên môi trường mạng", "hồ sơ sổ sách điện tử",
                    "quản lý trên phần mềm", "lưu trữ điện tử", "ký số", "hồ sơ sổ sách", "sổ sách … môi trường số"),
        "subjects": ("records", "staff", "pupils"),
        "not": ("đánh giá", "kiểm tra trực tuyến", "tuyển sinh", "thủ tục", "bài giảng", "học liệu"),
    },
    "ADMIN_PROCEDURES_ONLINE": {
        "phrases": ("thủ tục hành chính", "thủ tục hành chính trực tuyến", "giải quyết trực tuyến",
                    "tiếp nhận trực tuyến", "trên môi trường mạng", "trực tuyến toàn trình", "~hồ sơ tuyển sinh",
                    "thủ tục … thực hiện trực tuyến", "thủ tục … giải quyết trực tuyến",
                    "trên môi trường số", "thực hiện trên môi trường số"),
        "subjects": ("procedures", "records"),
        "not": ("sổ sách",),   # a school's books kept in digital form are its records, no procedure of its public
    },
    "ONLINE_PUBLIC_SERVICES": {
        "phrases": ("dịch vụ công trực tuyến", "dịch vụ công", "cổng dịch vụ công", "sử dụng dịch vụ công"),
        "subjects": ("procedures", "records", "public"),
    },
    "TWO_SESSIONS_PER_DAY": {
        "phrases": ("2 buổi ngày", "hai buổi ngày", "học 2 buổi", "dạy học 2 buổi", "2 buổi trong ngày",
                    "hai buổi trong ngày", "buổi một ngày"),
        "subjects": ("pupils", "classes"),
    },
    "SCHOOL_VIOLENCE_CASES": {
        "phrases": ("bạo lực học đường", "vụ bạo lực", "bạo lực", "xâm hại", "bạo hành"),
        "subjects": ("cases", "pupils"),
        "not": ("tuyên truyền", "phòng chống"),
    },
    "PROGRESSION_PRIMARY_THCS": {
        "phrases": ("vào lớp 6", "vào học lớp 6", "tuyển sinh lớp 6", "chuyển cấp lên thcs", "lên lớp 6",
                    "chuyển lên lớp 6", "từ tiểu học lên thcs", "tiểu học vào lớp 6", "vào học thcs",
                    "tiếp tục học lớp 6", "học tiếp lớp 6"),
        "mentions": ("thcs",),
        "subjects": _PUPILS,
    },
    "FREE_TEXTBOOKS": {
        "phrases": ("sách giáo khoa miễn phí", "miễn phí sách giáo khoa", "cấp sách giáo khoa", "~sách giáo khoa"),
        "subjects": _PUPILS,
    },
    "ENGLISH_PROFICIENCY": {
        "phrases": ("chuẩn tiếng anh", "năng lực tiếng anh", "chứng chỉ tiếng anh", "chuẩn năng lực tiếng anh",
                    "chuẩn năng lực ngoại ngữ", "chuẩn ngoại ngữ", "chuẩn đầu ra ngoại ngữ", "trình độ tiếng anh",
                    "ielts", "toefl", "cambridge", "movers", "flyers", "starters", "toeic", "khung năng lực ngoại ngữ",
                    "tiếng anh bậc", "a1 tiếng anh", "a2 tiếng anh", "đạt a1", "đạt a2", "đạt b1", "~tiếng anh",
                    # the levels of the national framework of foreign-language proficiency, with their European names
                    "bậc 1 a1", "bậc 2 a2", "bậc 3 b1", "bậc 4 b2", "bậc 5 c1", "đạt bậc … ngoại ngữ",
                    "ngoại ngữ bậc"),
        "subjects": _PUPILS,
        "not": ("làm quen", "tăng cường", "tự chọn", "dạy được", "bằng tiếng anh", "được học", "học tiếng anh",
                "sử dụng được tiếng anh", "giáo viên tiếng anh"),
        # a grade of the subject's assessment ("hoàn thành tốt môn Tiếng Anh"), a club's members and a language
        # course's learners are not pupils measured against the level's standard
        "never": ("hoàn thành tốt", "câu lạc bộ", "lớp ngoại ngữ"),
    },
    "STEM_PARTICIPATION": {
        "phrases": ("giáo dục stem", "hoạt động stem", "stem", "steam", "bài học stem", "câu lạc bộ stem",
                    "trải nghiệm stem", "~nghiên cứu khoa học kỹ thuật", "~nghiên cứu khoa học"),
        "subjects": _PUPILS,
        # STEM one choice among others ("câu lạc bộ văn hóa, thể thao hoặc STEM") is not STEM's share
        "not": ("phòng học stem", "thể thao", "văn nghệ", "nghệ thuật"),
    },
    "SEMI_BOARDING": {
        "phrases": ("tổ chức bán trú", "học bán trú", "ăn bán trú", "bán trú tại trường", "tỷ lệ học sinh bán trú",
                    "~bán trú", "~ăn ở nội trú", "~ăn nghỉ tại trường"),
        "subjects": _PUPILS,
        "not": ("an toàn thực phẩm",),
        # the buildings of semi-boarding (a kitchen, lodgings) are not the share of pupils who board
        "never": ("bếp ăn", "nhà ăn", "nhà bếp", "nhà tắm", "chỗ ở", "nhà ở", "phòng ở", "ký túc xá", "khu nội trú",
                  "giường"),
    },
}
"""How plans word each indicator (see the module's docstring)."""
