# How CMake compiles SYNTH (WebAssembly) sources: synth-cc with gcc's options
# and gcc-style dependency files.
# by default wasm objects get the target options of the C build (-mcpu=, -mthumb,
# -mfloat-abi=, -mfpu=), so they link with the C objects
set(CMAKE_SYNTH_FLAGS_INIT "")
if(COMMAND _synth_arch_flags)
  _synth_arch_flags(_synth_arch)
  list(JOIN _synth_arch " " CMAKE_SYNTH_FLAGS_INIT)
  unset(_synth_arch)
endif()
set(CMAKE_SYNTH_FLAGS_DEBUG_INIT "-O0 -g")
set(CMAKE_SYNTH_FLAGS_RELEASE_INIT "-O2")
set(CMAKE_SYNTH_FLAGS_MINSIZEREL_INIT "-Os")
set(CMAKE_SYNTH_FLAGS_RELWITHDEBINFO_INIT "-O2 -g")
cmake_initialize_per_config_variable(CMAKE_SYNTH_FLAGS "Flags for WebAssembly sources")
set(CMAKE_INCLUDE_FLAG_SYNTH "-I")
set(CMAKE_SYNTH_DEPFILE_FORMAT gcc)
set(CMAKE_SYNTH_DEPENDS_USE_COMPILER TRUE)
set(CMAKE_DEPFILE_FLAGS_SYNTH "-MD -MT <DEP_TARGET> -MF <DEP_FILE>")
if(NOT CMAKE_SYNTH_COMPILE_OBJECT)
  set(CMAKE_SYNTH_COMPILE_OBJECT
      "<CMAKE_SYNTH_COMPILER> <DEFINES> <INCLUDES> <FLAGS> -c <SOURCE> -o <OBJECT>")
endif()
if(NOT CMAKE_SYNTH_CREATE_ASSEMBLY_SOURCE)
  set(CMAKE_SYNTH_CREATE_ASSEMBLY_SOURCE
      "<CMAKE_SYNTH_COMPILER> <DEFINES> <INCLUDES> <FLAGS> -S <SOURCE> -o <ASSEMBLY_SOURCE>")
endif()
set(CMAKE_SYNTH_INFORMATION_LOADED 1)
