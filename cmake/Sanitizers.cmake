# -DDRC_SANITIZE=ON builds everything with ASan + UBSan (LeakSanitizer included in ASan on Linux).
if(DRC_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined -g)
  add_link_options(-fsanitize=address,undefined)
endif()
