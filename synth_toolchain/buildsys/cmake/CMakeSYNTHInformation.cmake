# How CMake compiles SYNTH (WebAssembly) sources: synth-cc with gcc's options
# and gcc-style dependency files.
# Wasm objects get the target options of the C build (-mcpu=, -mthumb,
# -mfloat-abi=, -mfpu=) of their directory's final CMAKE_C_FLAGS, so they link
# with the C objects, unless CMAKE_SYNTH_FLAGS names them itself; read when
# configuration is complete, so C flags set after enable_language(SYNTH) count.
include("${CMAKE_CURRENT_LIST_DIR}/SynthTargetOptions.cmake")
set(CMAKE_SYNTH_FLAGS_INIT "")
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
# a static library of wasm sources only is archived as C objects are
if(NOT CMAKE_SYNTH_ARCHIVE_CREATE)
  set(CMAKE_SYNTH_ARCHIVE_CREATE "<CMAKE_AR> qc <TARGET> <LINK_FLAGS> <OBJECTS>")
endif()
if(NOT CMAKE_SYNTH_ARCHIVE_APPEND)
  set(CMAKE_SYNTH_ARCHIVE_APPEND "<CMAKE_AR> q <TARGET> <LINK_FLAGS> <OBJECTS>")
endif()
if(NOT CMAKE_SYNTH_ARCHIVE_FINISH)
  set(CMAKE_SYNTH_ARCHIVE_FINISH "<CMAKE_RANLIB> <TARGET>")
endif()
set(CMAKE_SYNTH_INFORMATION_LOADED 1)
